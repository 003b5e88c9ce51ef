terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
  backend "local" {
  }
  backend {
  }
  cloud "x" {
  }
  bogus_block {
  }
}
