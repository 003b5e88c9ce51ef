resource "terraform_data" "a" {
}
resource "terraform_data" "c" {
  depends_on = [terraform_data.a.id == 1 ? 1 : 2]
}
