output "1o" {
  value = 1
}

locals {
  "quoted" = 1
}

module "2m" {
  source = "./m"
}

data "terraform_remote_state" "3d" {
  backend = "local"
}
