resource "terraform_data" "x" {
  locals {
    a = 1
  }
}
