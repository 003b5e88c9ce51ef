# Local modules with count, for_each, nesting, depends_on and outputs: tfsim and Terraform run it alike.
variable "envs" {
  type    = set(string)
  default = ["dev", "prod"]
}

resource "terraform_data" "base" {
  input = "base"
}

module "app" {
  source   = "./modules/app"
  for_each = var.envs

  name       = each.key
  base       = terraform_data.base.output
  depends_on = [terraform_data.base]
}

module "single" {
  source = "./modules/app"
  count  = 1

  name = "single"
  size = "2"
}

resource "terraform_data" "after" {
  input = [for k, m in module.app : m.label]
}

output "labels" {
  value = { for k, m in module.app : k => m.label }
}

output "single" {
  value = module.single
}
