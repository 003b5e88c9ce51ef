locals {
  a = 1 + 2 * 3 - 4 / 2 % 3
  b = (1 + 2) * 3
  c = !var.enabled || var.force && var.ready
  d = var.x == var.y != false
  e = var.n >= 10 ? "big" : var.n > 5 ? "medium" : "small"
  f = -var.offset + -5
  g = 1.5e3 + 2E-2 + 0.5
  h = var.a < var.b && var.c <= var.d
  i = !(var.a > var.b)
  j = -(-1)
  k = 10 - -3
  l = [1, 2, 3][1]
  m = { a = 1 }["a"]
  n = null
  o = true
  p = false
  q = 007
}
