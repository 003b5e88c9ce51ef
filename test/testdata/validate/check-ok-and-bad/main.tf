check "1bad" {
  assert {
    condition     = terraform_data.x.output != null
    error_message = "x"
  }
}

check "good" {
  data "terraform_remote_state" "s" {
    backend = "local"
  }
  assert {
    condition     = data.terraform_remote_state.s.outputs != null
    error_message = "x"
  }
  bogus {
  }
}

check "good" {
  assert {
    condition     = true
    error_message = "x"
  }
}

resource "terraform_data" "x" {}
