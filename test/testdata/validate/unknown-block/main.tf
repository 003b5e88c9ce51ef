foo "bar" {
}

resources "terraform_data" "x" {}
