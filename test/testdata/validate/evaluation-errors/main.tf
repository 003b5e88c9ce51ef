variable "v" {}
locals {
  b = "x" + 1
  c = nofunc(1)
  d = var.v + 1
  f = [1][2]
  h = local.b
}
resource "terraform_data" "r" {
  count = 2
  input = { x = count.index + "a", y = length(terraform_data.r[0].output) }
}
output "p" {
  value = { a = 1 }.b
}
