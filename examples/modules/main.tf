# One local module, three environments.
terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

locals {
  environments = {
    dev     = { instance_type = "t3.micro", volume_size = 10 }
    staging = { instance_type = "t3.small", volume_size = 20 }
    prod    = { instance_type = "t3.medium", volume_size = 50 }
  }
}

module "app" {
  source   = "./modules/app"
  for_each = local.environments

  environment   = each.key
  instance_type = each.value.instance_type
  volume_size   = each.value.volume_size
}

output "instance_ids" {
  value = { for env, app in module.app : env => app.instance_id }
}
