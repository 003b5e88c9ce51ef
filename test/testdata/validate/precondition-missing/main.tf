resource "terraform_data" "x" {
  lifecycle {
    precondition {
      condition = var.ok
    }
  }
}

variable "v" {
  validation {
    error_message = "bad"
  }
}
