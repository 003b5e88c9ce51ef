locals {
  a = [for x in[1, 2]: x]
  b = [for x in var.a: x]
  c = {for i, x in[1]: i => x}
  d = [for in in var.a : in]
}
