resource "terraform_data" "c" {
  lifecycle {
    replace_triggered_by = [var.q]
  }
}
variable "q" {
  default = 1
}
