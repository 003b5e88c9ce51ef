resource "aws_instance" "web" {
  lifecycle {
    create_before_destroy = true
    ignore_changes = [tags,ami]
    prevent_destroy=false
  }
  depends_on = [aws_s3_bucket.b, aws_iam_role.r]
  count = var.n>0?var.n:0
}
