terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

locals {
  parsed  = provider::aws::arn_parse(var.role_arn)
  account = provider::aws::arn_parse(var.role_arn).account_id
  built   = provider::aws::arn_build("aws", "iam", "", local.account, "role/x")
  args    = concat(["a"], var.more...)
  spread  = max(var.numbers...)
  trimmed = trimspace(
    var.raw,
  )
}
