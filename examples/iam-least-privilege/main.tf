# Rehearse IAM the way AWS recommends: never use root day to day; create users, put them in groups, grant the
# least privilege they need, and assume a role for elevated work.
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

resource "aws_iam_group" "developers" {
  name = "developers"
  path = "/teams/"
}

resource "aws_iam_user" "alice" {
  name = "alice"
  tags = {
    Team = "platform"
  }
}

resource "aws_iam_user" "bob" {
  name = "bob"
  tags = {
    Team = "analytics"
  }
}

resource "aws_iam_group_membership" "developers" {
  name  = "developers-membership"
  group = aws_iam_group.developers.name
  users = [aws_iam_user.alice.name, aws_iam_user.bob.name]
}

resource "aws_iam_group_policy_attachment" "developers_ec2_read" {
  group      = aws_iam_group.developers.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess"
}

data "aws_iam_policy_document" "own_keys" {
  statement {
    sid = "ManageOwnAccessKeys"
    actions = [
      "iam:CreateAccessKey",
      "iam:DeleteAccessKey",
      "iam:ListAccessKeys",
      "iam:UpdateAccessKey",
    ]
    resources = ["arn:aws:iam::*:user/$${aws:username}"]
  }
}

resource "aws_iam_policy" "own_keys" {
  name        = "manage-own-access-keys"
  description = "Lets each user manage only their own access keys"
  policy      = data.aws_iam_policy_document.own_keys.json
}

resource "aws_iam_group_policy_attachment" "developers_own_keys" {
  group      = aws_iam_group.developers.name
  policy_arn = aws_iam_policy.own_keys.arn
}

resource "aws_iam_access_key" "bob" {
  user = aws_iam_user.bob.name
}

resource "aws_iam_access_key" "alice" {
  user = aws_iam_user.alice.name
}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "operator_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = [aws_iam_user.alice.arn]
    }
  }
}

resource "aws_iam_role" "operator" {
  name                 = "operator"
  assume_role_policy   = data.aws_iam_policy_document.operator_trust.json
  max_session_duration = 3600
}

resource "aws_iam_role_policy_attachment" "operator_ec2" {
  role       = aws_iam_role.operator.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEC2FullAccess"
}

resource "aws_iam_user_policy" "alice_assume_operator" {
  name = "assume-operator"
  user = aws_iam_user.alice.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "sts:AssumeRole"
      Resource = aws_iam_role.operator.arn
    }]
  })
}

output "account_id" {
  value = data.aws_caller_identity.current.account_id
}

output "bob_access_key_id" {
  value = aws_iam_access_key.bob.id
}

output "bob_secret_access_key" {
  value     = aws_iam_access_key.bob.secret
  sensitive = true
}

output "alice_access_key_id" {
  value = aws_iam_access_key.alice.id
}

output "alice_secret_access_key" {
  value     = aws_iam_access_key.alice.secret
  sensitive = true
}

output "operator_role_arn" {
  value = aws_iam_role.operator.arn
}
