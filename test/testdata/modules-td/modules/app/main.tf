variable "name" {
  type = string
}

variable "size" {
  type    = number
  default = 1
}

variable "base" {
  type    = string
  default = "none"
}

resource "terraform_data" "x" {
  count = var.size
  input = "${var.name}-${count.index}-${var.base}"
}

module "nested" {
  source = "./nested"
  value  = terraform_data.x[0].output
}

output "label" {
  value = module.nested.echo
}

output "path" {
  value = path.module
}
