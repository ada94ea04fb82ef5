using CovalentBond.Functions;
using CovalentBond.Storage.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.AddCovalentBondFunctions();
var host = builder.Build();
host.Services.WarmUpCovalentBond();
host.Run();
