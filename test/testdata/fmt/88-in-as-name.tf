locals {
  in = 1
  x = { in = 2 }
  y = [for in in var.in: in]
  z = var.in[0]
}
