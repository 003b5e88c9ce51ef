# The smallest config: Terraform's built-in terraform_data resource, no cloud needed.
# Runs the same under tfsim and terraform, so the two can be compared.

variable "greeting" {
  type    = string
  default = "hello"
}

locals {
  names = toset(["alpha", "beta", "gamma"])
}

resource "terraform_data" "greeting" {
  input = "${var.greeting}, world"
}

resource "terraform_data" "per_name" {
  for_each = local.names

  input = "${terraform_data.greeting.output} from ${each.key}"
}

resource "terraform_data" "replaced_on_change" {
  input            = length(local.names)
  triggers_replace = [var.greeting]
}

output "greeting" {
  value = terraform_data.greeting.output
}

output "messages" {
  value = { for k, v in terraform_data.per_name : k => v.output }
}
