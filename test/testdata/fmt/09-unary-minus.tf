locals {
  a = -1
  b = 1 - -1
  c = [-1, - 2, 3-1]
  d = var.x-1
  e = (-var.y)
  f = { k = -5 }
  g = var.c ? -1 : -2
  h = 2*-3
  i = 1==-1
  j = !-1
  k = foo(-1)- 1
  l = x[0]-1
  m = "a"-1
}
