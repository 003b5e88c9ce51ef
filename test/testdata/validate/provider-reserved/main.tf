provider "terraform" {
  count = 1
  source = "x"
  locals {
  }
  alias = "1bad"
}
