locals {
  a = merge(var.maps ...)
  b = {for k, v in var.x: v => k ...}
  c = min(var.list ...)
}
