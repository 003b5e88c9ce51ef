module "m" {
  version = "1.0"
}
