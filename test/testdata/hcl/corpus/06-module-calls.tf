module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.1.2"

  name = "my-vpc"
  cidr = "10.0.0.0/16"

  azs             = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  private_subnets = ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]
  public_subnets  = ["10.0.101.0/24", "10.0.102.0/24", "10.0.103.0/24"]

  enable_nat_gateway = true
  enable_vpn_gateway = false

  tags = {
    Terraform   = "true"
    Environment = "dev"
  }
}

module "app" {
  source   = "./modules/app"
  for_each = toset(["blue", "green"])

  name       = "app-${each.key}"
  subnet_ids = module.vpc.private_subnets
  providers = {
    aws = aws.primary
  }
  depends_on = [module.vpc]
}

output "app_urls" {
  value = { for name, m in module.app : name => m.url }
}
