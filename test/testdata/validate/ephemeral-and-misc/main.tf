ephemeral "terraform_data" "e" "extra" {
}

variable "_" {
}

moved {
  from = terraform_data.a
  to   = terraform_data.b
  lifecycle {
  }
}

removed {
  from = terraform_data.c
  bogus = 1
}
