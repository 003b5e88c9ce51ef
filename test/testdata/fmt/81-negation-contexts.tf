locals {
  a = -var.x
  b = [for x in var.y: -x]
  c = var.z ? - 1 : -1
  d = (- 1)
  e = 1 -1
  f = var.n-1
  g = var.list[0] -1
  h = max(-1,-2)
  i = 5 % -2
  j = !var.x && -1 < 0
}
