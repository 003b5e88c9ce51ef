variable "region" {
  description = "AWS region to deploy into"
  type        = string
  default     = "us-east-1"
}

variable "instance_type" {
  description = "EC2 instance type for the web server"
  type        = string
  default     = "t3.micro"
}

variable "admin_cidr" {
  description = "CIDR block allowed to reach SSH"
  type        = string
  default     = "203.0.113.0/24"

  validation {
    condition     = can(cidrhost(var.admin_cidr, 0))
    error_message = "The admin_cidr value must be a valid IPv4 CIDR block."
  }
}
