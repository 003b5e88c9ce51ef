resource "terraform_data" "x" {
  lifecycle {
    bogus = 1
  }
}

variable "v" {
  type = "string"
}
