resource "terraform_data" "a" {
}
resource "terraform_data" "c" {
  count = 2
  lifecycle {
    replace_triggered_by = [terraform_data.a, each.value, local.x]
  }
}
