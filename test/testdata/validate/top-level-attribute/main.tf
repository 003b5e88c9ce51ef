name = "x"

resource "terraform_data" "x" {}
