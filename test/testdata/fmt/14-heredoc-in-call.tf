resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = jsonencode(<<EOF2
{
  "Version":   "2012-10-17"
}
EOF2
)
  policy = <<POLICY
    {"a":   1}
POLICY
  x = 1
}
