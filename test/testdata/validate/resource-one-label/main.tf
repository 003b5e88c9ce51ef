resource "terraform_data" {
  input = 1
}
