locals {
  a = 1
  nested {
  }
}
