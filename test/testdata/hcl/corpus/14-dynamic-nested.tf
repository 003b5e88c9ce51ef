resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = var.certificate_arn

  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      message_body = "Not found"
      status_code  = "404"
    }
  }

  dynamic "default_action" {
    for_each = var.enable_redirect ? [1] : []
    content {
      type = "redirect"
      redirect {
        port        = "443"
        protocol    = "HTTPS"
        status_code = "HTTP_301"
      }
    }
  }
}

resource "aws_autoscaling_group" "app" {
  name                = "app"
  min_size            = 1
  max_size            = 3
  vpc_zone_identifier = var.subnet_ids

  dynamic "tag" {
    for_each = merge(var.tags, { Name = "app" })
    iterator = t
    content {
      key                 = t.key
      value               = t.value
      propagate_at_launch = true
    }
  }

  launch_template {
    id      = aws_launch_template.app.id
    version = "$Latest"
  }
}
