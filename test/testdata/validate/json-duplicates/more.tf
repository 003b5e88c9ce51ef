resource "terraform_data" "a" {
}

variable "v" {
}

output "o" {
  value = 2
}
