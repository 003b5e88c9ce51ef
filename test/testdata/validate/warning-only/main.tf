provider "terraform" {
  version = "1"
}
resource "terraform_data" "x" {}
