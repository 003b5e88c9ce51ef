terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
  required_providers {
    random = {
      source = "hashicorp/random"
    }
  }
}
