locals {
  a = var.list.0
  b = var.list.0.a
  c = var.m["a"] ["b"]
  d = var.m ["a"]
}
