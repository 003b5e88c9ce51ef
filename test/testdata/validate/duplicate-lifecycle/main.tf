resource "terraform_data" "x" {
  lifecycle {
    create_before_destroy = true
  }
  lifecycle {
    prevent_destroy = true
  }
}
