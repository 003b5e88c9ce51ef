resource "terraform_data" "c" {
  lifecycle {
    replace_triggered_by = [terraform_data.zz.input]
  }
}
