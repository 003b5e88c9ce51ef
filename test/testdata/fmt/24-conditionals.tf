locals {
  a = var.x?1:2
  b = var.x ? "a" : var.y ? "b" : "c"
  c = (
    var.enabled
    ? 1
    : 0
  )
  d = var.x == null ? [] : [var.x]
}
