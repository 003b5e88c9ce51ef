check "health" {
  data "http" "endpoint" {
    url = "https://${aws_lb.main.dns_name}/health"
  }

  assert {
    condition     = data.http.endpoint.status_code == 200
    error_message = "${data.http.endpoint.url} returned an unhealthy status code"
  }
}

resource "aws_db_instance" "db" {
  identifier          = "app-db"
  engine              = "postgres"
  engine_version      = "15.4"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "app"
  password            = var.db_password
  skip_final_snapshot = true

  lifecycle {
    prevent_destroy = false
    postcondition {
      condition     = self.status == "available"
      error_message = "The database is not available."
    }
  }
}
