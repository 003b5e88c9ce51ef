resource "terraform_data" "c" {
  depends_on = [terraform_data.nope, var.q]
}
variable "q" {
  default = 1
}
