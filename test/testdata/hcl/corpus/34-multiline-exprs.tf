locals {
  long_condition = (
    var.a == "x" &&
    var.b != "y" ||
    var.c
  )
  long_call = format(
    "%s-%s-%d",
    var.prefix,
    var.suffix,
    var.n,
  )
  long_ternary = var.env == "prod" ? {
    size = "large"
    } : {
    size = "small"
  }
  long_for = {
    for k, v in var.items :
    k => v
    if v != null
  }
  index_multiline = var.matrix[
    var.row
  ][var.col]
}
