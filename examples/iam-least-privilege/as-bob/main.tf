# Apply this after the parent directory, with bob's keys (read-only EC2 through the developers group):
#   export TF_VAR_access_key=$(npx tfsim -chdir=.. output -raw bob_access_key_id)
#   export TF_VAR_secret_key=$(npx tfsim -chdir=.. output -raw bob_secret_access_key)
#   npx tfsim apply
# RunInstances fails with UnauthorizedOperation: bob may describe instances but not launch them.
variable "access_key" {
  type = string
}

variable "secret_key" {
  type      = string
  sensitive = true
}

provider "aws" {
  region     = "us-east-1"
  access_key = var.access_key
  secret_key = var.secret_key
}

data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]

  filter {
    name   = "name"
    values = ["al2023-ami-*-x86_64"]
  }
}

resource "aws_instance" "denied" {
  ami           = data.aws_ami.al2023.id
  instance_type = "t3.micro"
}
