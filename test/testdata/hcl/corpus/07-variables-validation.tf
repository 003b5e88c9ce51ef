variable "environment" {
  type        = string
  description = "Deployment environment."

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "The environment must be one of dev, staging or prod."
  }
}

variable "instance_count" {
  type    = number
  default = 1

  validation {
    condition     = var.instance_count >= 1 && var.instance_count <= 10
    error_message = "Instance count must be between 1 and 10, got ${var.instance_count}."
  }
}

variable "db_password" {
  type      = string
  sensitive = true
  nullable  = false
}

variable "settings" {
  type = map(object({
    enabled = bool
    weight  = optional(number)
  }))
  default = {}
}

variable "ports" {
  type    = set(number)
  default = [22, 80, 443]
}

variable "ephemeral_token" {
  type      = string
  ephemeral = true
  default   = null
}
