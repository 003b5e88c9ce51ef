resource "terraform_data" "c" {
  lifecycle {
    ignore_changes = [inptu, input.x, id]
  }
}
