# The second step, applied after the parent directory with the users' keys (see ../README.md):
#   export TF_VAR_bob_access_key_id=$(npx tfsim -chdir=.. output -raw bob_access_key_id)
#   export TF_VAR_bob_secret_access_key=$(npx tfsim -chdir=.. output -raw bob_secret_access_key)
#   export TF_VAR_alice_access_key_id=$(npx tfsim -chdir=.. output -raw alice_access_key_id)
#   export TF_VAR_alice_secret_access_key=$(npx tfsim -chdir=.. output -raw alice_secret_access_key)
#   export TF_VAR_operator_role_arn=$(npx tfsim -chdir=.. output -raw operator_role_arn)
#   npx tfsim apply
# bob (AmazonEC2ReadOnlyAccess through the developers group) may describe instances but not launch them: his
# instance fails with UnauthorizedOperation. alice assumes the operator role (AmazonEC2FullAccess) and hers is
# created. The apply exits 1, and alice's instance is in the state.
variable "bob_access_key_id" {
  type = string
}

variable "bob_secret_access_key" {
  type      = string
  sensitive = true
}

variable "alice_access_key_id" {
  type = string
}

variable "alice_secret_access_key" {
  type      = string
  sensitive = true
}

variable "operator_role_arn" {
  type = string
}

provider "aws" {
  alias      = "bob"
  region     = "us-east-1"
  access_key = var.bob_access_key_id
  secret_key = var.bob_secret_access_key
}

provider "aws" {
  alias      = "operator"
  region     = "us-east-1"
  access_key = var.alice_access_key_id
  secret_key = var.alice_secret_access_key

  assume_role {
    role_arn     = var.operator_role_arn
    session_name = "alice"
  }
}

data "aws_ami" "al2023" {
  provider    = aws.bob
  most_recent = true
  owners      = ["amazon"]

  filter {
    name   = "name"
    values = ["al2023-ami-*-x86_64"]
  }
}

resource "aws_instance" "denied" {
  provider      = aws.bob
  ami           = data.aws_ami.al2023.id
  instance_type = "t3.micro"
}

resource "aws_instance" "operator" {
  provider      = aws.operator
  ami           = data.aws_ami.al2023.id
  instance_type = "t3.micro"

  tags = {
    Name = "launched-by-operator"
  }
}

output "operator_instance_id" {
  value = aws_instance.operator.id
}
