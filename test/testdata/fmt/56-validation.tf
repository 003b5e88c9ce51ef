variable "port" {
  type = number
  validation {
  condition = var.port>0&&var.port<65536
  error_message = "Port must be in range."
  }
}
