data "terraform_remote_state" "x" {
  backend = "local"
  locals {
  }
  lifecycle {
    postcondition {
      condition     = self.outputs != null
      error_message = "x"
    }
  }
  lifecycle {
  }
}
