resource "terraform_data" "x" {
  lifecycle {
    create_before_destroy = true
    prevent_destroi       = true
  }
}
