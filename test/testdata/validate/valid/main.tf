terraform {
  required_version = ">= 1.0"
}

variable "name" {
  type    = string
  default = "x"
}

locals {
  greeting = "hello ${var.name}"
}

resource "terraform_data" "x" {
  input = local.greeting
}

output "o" {
  value = terraform_data.x.output
}
