//! `cargo run -p two-services`: starts the inventory and two deploy
//! services on loopback ports and prints the exchange.

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let fleet = two_services::start().await?;
    let exchanges = two_services::exchange(&fleet).await?;
    print!("{}", two_services::render(&exchanges));
    Ok(())
}
