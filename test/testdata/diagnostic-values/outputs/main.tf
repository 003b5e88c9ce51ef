variable "z" {
  default = 1
}

locals {
  m = { a = "x", b = "y" }
  t = [1, 2, 3]
  l = tolist(["a", "b"])
  o = { name = "n" }
  n = 12345678901.5
}

output "invalid_index" {
  value = local.m["c"]
}

output "operand" {
  value = var.z + "a"
}

output "operand_with_reference" {
  value = var.z + local.m
}

output "unsupported_attribute" {
  value = local.o.nme
}

output "function_argument" {
  value = lookup(local.t, "a")
}

output "tuple_index" {
  value = local.t[5]
}

output "condition" {
  value = local.l ? var.z : 2
}

output "template" {
  value = "${local.l} ${var.z}"
}

output "number_attribute" {
  value = local.n.x
}
